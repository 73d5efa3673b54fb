import { LeakFindingDto, UndecidedNamesDetails } from '@desk/protocol';
import { z } from 'zod';

const Details = z.object({ findings: z.array(LeakFindingDto) });

/** Leak-gate findings from an error's details, or [] when the error is of another kind. */
export function leakFindings(details: unknown): z.infer<typeof LeakFindingDto>[] {
  const parsed = Details.safeParse(details);
  return parsed.success ? parsed.data.findings : [];
}

/** Names listed by a refused safety sign-off, or [] when the error is of another kind. */
export function undecidedNamesOf(details: unknown): string[] {
  const parsed = UndecidedNamesDetails.safeParse(details);
  return parsed.success ? parsed.data.undecidedNames.map((n) => `${n.label} (${n.mentionCount})`) : [];
}

export const FORMAT_LABELS = { txt: 'Plain text', md: 'Markdown', json: 'JSON', docx: 'Word (.docx)', pdf: 'PDF' } as const;
export const MODE_LABELS = { bar: 'Black bar █████', label: 'Category label [PLACE]', pseudonym: 'Pseudonym [PERSON 1]', generalise: 'Generalise details (in their late twenties)' } as const;
