const SAFE_SCHEME = /^(https?|mailto|tel)$/i;

/**
 * URL filter for the Markdown preview: relative URLs, http(s), mailto and tel pass;
 * any other scheme (javascript:, data:, vbscript:, ...) becomes an empty string.
 */
export function safeUrl(url: string): string {
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
  const compact = url.replace(/[\s\p{Cc}]/gu, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (!scheme) return url;
  return SAFE_SCHEME.test(scheme[1] ?? '') ? url : '';
}

/** True for a URL that names a file of the site (a relative or root path), not another site or a data URL. */
export function isSiteReference(url: string): boolean {
  return (
    url !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//') && !url.startsWith('#')
  );
}
