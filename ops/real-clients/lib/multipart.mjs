// A small multipart/form-data reader that keeps what the summaries need and FormData hides:
// each part's raw Content-Disposition (name, filename) and Content-Type exactly as the client sent them.

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function boundaryOf(contentType) {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]).trim() : null;
}

function parseDisposition(value) {
  const result = {};
  for (const piece of value.split(';').slice(1)) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    let raw = piece.slice(eq + 1).trim();
    if (raw.startsWith('"') && raw.endsWith('"')) raw = raw.slice(1, -1);
    result[key] = raw;
  }
  return result;
}

/**
 * Splits a multipart body into parts: { name, filename, contentType, headers, body (Buffer) }.
 * Returns null when the Content-Type is not multipart or carries no boundary (e.g. the SDK 7.x
 * request, whose boundary is lost; the caller records that as a finding rather than crashing).
 */
export function parseMultipart(body, contentType) {
  if (!/^multipart\/form-data/i.test(contentType ?? '')) return null;
  const boundary = boundaryOf(contentType);
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts = [];
  let position = body.indexOf(delimiter);
  if (position < 0) return null;
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') break;
    if (body.subarray(position, position + 2).equals(CRLF)) position += 2;
    const headerEnd = body.indexOf(HEADER_END, position);
    if (headerEnd < 0) break;
    const headers = {};
    for (const line of body.subarray(position, headerEnd).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const contentStart = headerEnd + HEADER_END.length;
    const next = body.indexOf(delimiter, contentStart);
    if (next < 0) break;
    // The CRLF before the next delimiter belongs to the delimiter, not to the part.
    const content = body.subarray(contentStart, next - 2);
    const disposition = parseDisposition(headers['content-disposition'] ?? '');
    parts.push({
      name: disposition.name ?? null,
      filename: disposition.filename ?? null,
      contentType: headers['content-type'] ?? null,
      headers,
      body: Buffer.from(content),
    });
    position = next;
  }
  return parts;
}
