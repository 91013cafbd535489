const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes file bytes as UTF-8, keeping a byte order mark so that writing the text back reproduces
 * the file; null for bytes that are not text (invalid UTF-8 or NUL bytes), which Folio never rewrites.
 */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}
