// OpenCC's dictionaries as opencc-js publishes them: one string of `key value…|key value…`.
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
