// One set of script converters for the whole pipeline: building an OpenCC converter loads its
// dictionaries, so each is built once.
import * as OpenCC from 'opencc-js';

/** Traditional (Hong Kong or Taiwan forms) to simplified. */
export const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
/** Simplified to traditional, Hong Kong forms. */
export const toTraditional = OpenCC.Converter({ from: 'cn', to: 'hk' });
/** Simplified to traditional, Taiwan forms. */
export const toTaiwanTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
