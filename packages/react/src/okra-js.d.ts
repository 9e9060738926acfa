// okra-js ships no types; the loader narrows what it exports to `OkraWidget` at runtime.
declare module 'okra-js' {
  const okra: unknown;
  export default okra;
}
