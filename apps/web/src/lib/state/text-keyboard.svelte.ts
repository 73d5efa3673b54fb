import type { RedactionDto } from '@desk/protocol';
import { paragraphAt, type ParagraphRange } from '$lib/review/paragraphs';
import { moveFocus, nextSentence, nextWord, prevSentence, prevWord, sentenceAt, wordAt } from '$lib/review/textNav';
import { paragraphElement, selectOffsets } from '$lib/review/domOffsets';

export interface TextSource {
  readonly body: string;
  readonly paragraphs: readonly ParagraphRange[];
  readonly redactionList: readonly RedactionDto[];
  /** Make sure a paragraph is drawn in full (marks included) before the caret lands in it. */
  ensureRendered?(index: number): Promise<void>;
}

/**
 * A keyboard caret over the testimony text, kept as body offsets (anchor = where a selection
 * started, focus = the moving end). A non-empty selection is mirrored into the page's real DOM
 * selection, so the selection toolbar, 1–5, "Redact all" and comments work exactly as after a
 * mouse drag. When the caret sits on a mark, that mark gets focus (one Tab stop into the text,
 * arrow keys between marks: roving focus), so Enter opens its popover and a screen reader reads it.
 */
export class TextKeyboard {
  anchor = $state(0);
  focus = $state(0);
  /** The text (or a mark in it) has keyboard focus: the caret is shown. */
  inText = $state(false);
  root: HTMLElement | undefined;

  constructor(private readonly src: TextSource) {}

  get start(): number {
    return Math.min(this.anchor, this.focus);
  }
  get end(): number {
    return Math.max(this.anchor, this.focus);
  }
  get collapsed(): boolean {
    return this.anchor === this.focus;
  }

  /** Follow a mouse selection so the keyboard continues from where the reader left off. */
  follow(start: number, end: number): void {
    this.anchor = start;
    this.focus = end;
  }

  async moveTo(offset: number, extend = false): Promise<void> {
    const body = this.src.body;
    const at = Math.max(0, Math.min(offset, body.length));
    this.focus = at;
    if (!extend) this.anchor = at;
    await this.#show();
  }

  async select(span: { start: number; end: number } | null): Promise<void> {
    if (!span) return;
    this.anchor = span.start;
    this.focus = span.end;
    await this.#show();
  }

  selectWord = () => this.select(wordAt(this.src.body, this.focus));
  selectSentence = () => this.select(sentenceAt(this.src.body, this.focus));

  /** The selection, or the word at the caret when nothing is selected. */
  target(): { start: number; end: number } | null {
    if (!this.collapsed) return { start: this.start, end: this.end };
    return wordAt(this.src.body, this.focus);
  }

  word(dir: 1 | -1, extend: boolean): Promise<void> {
    const body = this.src.body;
    if (extend) return this.moveTo(moveFocus(body, this.focus, dir, 'word'), true);
    return this.moveTo((dir > 0 ? nextWord(body, this.focus) : prevWord(body, this.focus)) ?? this.focus);
  }

  sentence(dir: 1 | -1, extend: boolean): Promise<void> {
    const body = this.src.body;
    if (extend) return this.moveTo(moveFocus(body, this.focus, dir, 'sentence'), true);
    return this.moveTo((dir > 0 ? nextSentence(body, this.focus) : prevSentence(body, this.focus)) ?? this.focus);
  }

  /** Next (or previous) mark after the caret whose redaction passes `want`; wraps around. */
  async toMark(dir: 1 | -1, want: (r: RedactionDto) => boolean = () => true): Promise<RedactionDto | null> {
    const list = this.src.redactionList.filter(want);
    if (list.length === 0) return null;
    const at = this.focus;
    const r = dir > 0 ? (list.find((x) => x.start > at) ?? list[0]) : ([...list].reverse().find((x) => x.start < at) ?? list.at(-1));
    if (!r) return null;
    await this.moveTo(r.start);
    return r;
  }

  /** Put keyboard focus into the text at the caret. */
  async enter(): Promise<void> {
    await this.#show();
  }

  async #show(): Promise<void> {
    const root = this.root;
    if (!root) return;
    const i = paragraphAt(this.src.paragraphs, this.focus) ?? paragraphAt(this.src.paragraphs, this.focus - 1);
    if (i !== null) await this.src.ensureRendered?.(i);
    if (this.collapsed) window.getSelection()?.removeAllRanges();
    else selectOffsets(root, this.src.paragraphs, this.start, this.end);
    const para = paragraphElement(root, this.src.paragraphs, this.focus);
    const mark = para ? markAt(para, this.focus) : null;
    const target = mark ?? root;
    if (document.activeElement !== target) target.focus({ preventScroll: true });
    // Plain text is scrolled to by the caret itself (TextCaret), which knows its exact line.
    mark?.scrollIntoView({ block: 'nearest' });
  }
}

/** The rendered mark covering a body offset inside one paragraph. */
function markAt(para: HTMLElement, offset: number): HTMLElement | null {
  for (const m of para.querySelectorAll<HTMLElement>('[data-rid]')) {
    const o = Number(m.dataset.o);
    if (offset >= o && offset < o + Number(m.dataset.len)) return m;
  }
  return null;
}
