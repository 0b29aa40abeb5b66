// Legacy encoders for test variants, built from the platform decoders (Node has no GBK/Big5 encoder).
const tables = new Map<string, Map<string, number[]>>();

function table(encoding: 'gbk' | 'big5'): Map<string, number[]> {
  let map = tables.get(encoding);
  if (map) return map;
  map = new Map();
  const decoder = new TextDecoder(encoding === 'gbk' ? 'gb18030' : 'big5');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== '\ufffd' && !map.has(char)) map.set(char, [lead, trail]);
    }
  }
  tables.set(encoding, map);
  return map;
}

export function encodeLegacy(text: string, encoding: 'gbk' | 'big5'): Uint8Array {
  const map = table(encoding);
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else {
      const pair = map.get(char);
      if (!pair) throw new Error(`${JSON.stringify(char)} has no ${encoding} code`);
      bytes.push(...pair);
    }
  }
  return new Uint8Array(bytes);
}
