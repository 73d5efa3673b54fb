import { extract } from './extract.ts';
import { scanText, type LeakFinding } from './scan.ts';
import { secretsOf, type Secret } from './secrets.ts';
import type { ExportDocument, RenderedArtefact } from './types.ts';

export interface GateResult {
  ok: boolean;
  findings: LeakFinding[];
}

/** Right-to-left text can come out of a PDF in visual order; scan that reading too. */
const reversedLines = (s: string) =>
  s
    .split('\n')
    .map((l) => Array.from(l).reverse().join(''))
    .join('\n');

/**
 * The leak gate: reads the rendered file back the way a recipient would (text extraction,
 * metadata) and looks for every secret and every spelling of it. Any hit blocks.
 */
export async function leakGate(artefact: RenderedArtefact, secrets: readonly Secret[]): Promise<GateResult> {
  const { text, metadata } = await extract(artefact.format, artefact.bytes);
  const findings = [...scanText(text, secrets, artefact.format, 'text'), ...scanText(metadata, secrets, artefact.format, 'metadata')];
  if (artefact.format === 'pdf' && /[\u0590-\u08FF\uFB1D-\uFEFF]/.test(text)) {
    const seen = new Set(findings.map((f) => `${f.part}:${f.line}`));
    for (const f of scanText(reversedLines(text), secrets, artefact.format, 'text')) if (!seen.has(`text:${f.line}`)) findings.push(f);
  }
  if (artefact.layoutText) {
    const seen = new Set(findings.map((f) => `${f.part}:${f.line}`));
    for (const f of scanText(artefact.layoutText, secrets, artefact.format, 'text')) if (!seen.has(`text:${f.line}`)) findings.push(f);
  }
  return { ok: findings.length === 0, findings };
}

export function gateSecrets(doc: ExportDocument): Secret[] {
  return secretsOf(doc);
}
