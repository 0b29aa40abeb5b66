// One set of script converters for the whole pipeline. Each is made when first used: making one
// loads its dictionaries (about 0.1 s each), which a process or thread that never converts in that
// direction need not pay for (the site's processes import this module for lazyConverter alone).
import * as OpenCC from 'opencc-js';

/** A converter between two of OpenCC's locales, made on its first call. */
export function lazyConverter(options: OpenCC.ConverterOptions): OpenCC.ConverterFunction {
  let converter: OpenCC.ConverterFunction | undefined;
  return (text: string) => (converter ??= OpenCC.Converter(options))(text);
}

/** Traditional (Hong Kong or Taiwan forms) to simplified. */
export const toSimplified = lazyConverter({ from: 'hk', to: 'cn' });
/** Simplified to traditional, Hong Kong forms. */
export const toTraditional = lazyConverter({ from: 'cn', to: 'hk' });
/** Simplified to traditional, Taiwan forms. */
export const toTaiwanTraditional = lazyConverter({ from: 'cn', to: 'tw' });
