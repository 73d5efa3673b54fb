/**
 * Every keyboard shortcut of the review page, in one table: the help overlay (`?`) lists exactly
 * this, so what the page does and what it says cannot drift apart. `where` says when a key works.
 */
export interface Shortcut {
  keys: string[];
  does: string;
}

export interface ShortcutGroup {
  title: string;
  where: string;
  items: Shortcut[];
}

export const SHORTCUTS: ShortcutGroup[] = [
  {
    title: 'Anywhere on the review page',
    where: 'not while typing in a field',
    items: [
      { keys: ['Ctrl+F', '⌘F'], does: 'Open the find bar (press again inside it for the browser’s own find)' },
      { keys: ['t'], does: 'Go to the text (keyboard caret)' },
      { keys: ['n'], does: 'Next undecided suggestion' },
      { keys: ['Shift+N'], does: 'Previous undecided suggestion' },
      { keys: ['l'], does: 'Next undecided name in the ledger' },
      { keys: ['p'], does: 'Go to the side panel' },
      { keys: ['?'], does: 'Show or hide this list' },
      { keys: ['Esc'], does: 'Close a popover, the find bar or this list' },
    ],
  },
  {
    title: 'In the text',
    where: 'after Tab or t puts the caret in the text',
    items: [
      { keys: ['←', '→'], does: 'Caret to the previous / next word' },
      { keys: ['[', ']'], does: 'Caret to the previous / next sentence' },
      { keys: ['↑', '↓'], does: 'Previous / next mark (redaction or suggestion)' },
      { keys: ['Shift+←', 'Shift+→', 'Shift+Alt+←', 'Shift+Alt+→'], does: 'Extend or shrink the selection by a word' },
      { keys: ['Shift+Alt+↑', 'Shift+Alt+↓'], does: 'Extend or shrink the selection by a sentence' },
      { keys: ['w'], does: 'Select the word at the caret' },
      { keys: ['s'], does: 'Select the sentence at the caret' },
      { keys: ['1', '2', '3', '4', '5'], does: 'Redact the selection (or the word at the caret): person, place, hiding place, quasi-identifier, other' },
      { keys: ['a'], does: 'Redact all occurrences of the selection…' },
      { keys: ['c'], does: 'Comment on the selection' },
      { keys: ['Enter', 'Space'], does: 'On a mark: open its decision popover (accept, reject, category)' },
      { keys: ['Esc'], does: 'Clear the selection' },
    ],
  },
  {
    title: 'In the find bar',
    where: 'while the find field has focus',
    items: [
      { keys: ['Enter', 'F3'], does: 'Next hit' },
      { keys: ['Shift+Enter', 'Shift+F3'], does: 'Previous hit' },
      { keys: ['Alt+R'], does: 'Redact this hit' },
      { keys: ['Alt+A'], does: 'Redact all hits' },
      { keys: ['Esc'], does: 'Close the find bar, back to the text at the current hit' },
    ],
  },
];
