// The browser bundle of mammoth ships without typings; only the call we use is declared.
declare module 'mammoth/mammoth.browser.js' {
  interface ExtractResult {
    value: string;
    messages: { type: string; message: string }[];
  }
  const mammoth: { extractRawText(input: { arrayBuffer: ArrayBuffer }): Promise<ExtractResult> };
  export default mammoth;
}
