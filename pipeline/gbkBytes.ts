// Two-byte GBK codes, derived from the platform's GB18030 decoder (no hand-written table).

let encodeTable: Map<string, [number, number]> | undefined;
const pairDecoder = new TextDecoder('gb18030');

export function decodePair(lead: number, trail: number): string | undefined {
  const char = pairDecoder.decode(new Uint8Array([lead, trail]));
  return char.length === 1 && char !== '\ufffd' ? char : undefined;
}

/**
 * Windows code page 936 (the GBK most scrapers used) decodes FE50–FEA0, which GB18030 assigns to
 * characters, to the private-use code points U+E815–U+E864 in order.
 */
function cp936PrivateUse(char: string): [number, number] | undefined {
  const code = char.charCodeAt(0);
  if (code < 0xe815 || code > 0xe864) return undefined;
  const index = code - 0xe815;
  const trail = 0x50 + index;
  return [0xfe, trail >= 0x7f ? trail + 1 : trail];
}

/** Two-byte GBK encoding of each character, derived from the GB18030 decoder. */
export function twoByteCode(char: string): [number, number] | undefined {
  if (!encodeTable) {
    encodeTable = new Map();
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const decoded = decodePair(lead, trail);
        if (decoded && !encodeTable.has(decoded)) encodeTable.set(decoded, [lead, trail]);
      }
    }
  }
  return encodeTable.get(char) ?? cp936PrivateUse(char);
}
