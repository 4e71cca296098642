/**
 * A small well-formedness check for the SVG the chart writes: every tag closed in order, attributes
 * quoted and unique, no stray `<` or `&` in text or values (nor `>` in text, which the renderer escapes). Enough for generated markup without
 * CDATA or doctype; not a general XML parser.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  let roots = 0;
  let i = 0;
  const isNameChar = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '-' || c === ':' || c === '_' || c === '.';
  const checkText = (text: string, at: number, inAttribute = false): void => {
    if (!inAttribute && text.includes('>')) problems.push(`a raw ">" in text at ${at}`);
    let amp = text.indexOf('&');
    while (amp !== -1) {
      const semi = text.indexOf(';', amp);
      const entity = semi === -1 ? '' : text.slice(amp + 1, semi);
      const named = ['amp', 'lt', 'gt', 'quot', 'apos'].includes(entity);
      const numeric = entity.startsWith('#') && entity.length > 1 && [...entity.slice(1)].every((c) => c >= '0' && c <= '9');
      if (!named && !numeric) problems.push(`a bare "&" at ${at + amp}`);
      amp = text.indexOf('&', amp + 1);
    }
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    checkText(text, i);
    if (lt === -1) {
      if (open.length === 0 && text.trim() !== '') problems.push('text after the root element');
      break;
    }
    if (open.length === 0 && text.trim() !== '') problems.push(`text outside the root element at ${i}`);
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt);
      if (end === -1) return [...problems, `an unclosed declaration at ${lt}`];
      i = end + 2;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end === -1) return [...problems, `an unclosed comment at ${lt}`];
      i = end + 3;
      continue;
    }
    const closing = xml[lt + 1] === '/';
    let j = lt + (closing ? 2 : 1);
    const nameStart = j;
    while (j < xml.length && isNameChar(xml[j])) j++;
    const name = xml.slice(nameStart, j);
    if (!name) return [...problems, `a "<" that starts no tag at ${lt}`];
    const attributes = new Set<string>();
    let selfClosing = false;
    for (;;) {
      while (j < xml.length && ' \n\t\r'.includes(xml[j])) j++;
      if (j >= xml.length) return [...problems, `an unterminated tag <${name}> at ${lt}`];
      if (xml[j] === '>') {
        j++;
        break;
      }
      if (xml.startsWith('/>', j) && !closing) {
        selfClosing = true;
        j += 2;
        break;
      }
      if (closing) return [...problems, `a closing tag </${name}> with more than a name at ${lt}`];
      const attrStart = j;
      while (j < xml.length && isNameChar(xml[j])) j++;
      const attr = xml.slice(attrStart, j);
      if (!attr || xml[j] !== '=' || (xml[j + 1] !== '"' && xml[j + 1] !== "'")) return [...problems, `a malformed attribute in <${name}> at ${attrStart}`];
      if (attributes.has(attr)) problems.push(`attribute ${attr} twice in <${name}> at ${lt}`);
      attributes.add(attr);
      const quote = xml[j + 1];
      const end = xml.indexOf(quote, j + 2);
      if (end === -1) return [...problems, `an unclosed attribute value in <${name}> at ${attrStart}`];
      const value = xml.slice(j + 2, end);
      if (value.includes('<')) problems.push(`a raw "<" in attribute ${attr} of <${name}> at ${attrStart}`);
      checkText(value, j + 2, true);
      j = end + 1;
    }
    if (closing) {
      const top = open.pop();
      if (top !== name) return [...problems, `</${name}> at ${lt} closes <${top ?? 'nothing'}>`];
    } else {
      if (open.length === 0) roots++;
      if (!selfClosing) open.push(name);
    }
    i = j;
  }
  if (open.length) problems.push(`unclosed elements: ${open.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
