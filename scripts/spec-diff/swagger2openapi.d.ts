// Minimal typing of the part of swagger2openapi (which ships no types) we use.
declare module 'swagger2openapi' {
  interface ConvertOptions {
    patch?: boolean;
    warnOnly?: boolean;
    resolve?: boolean;
    [option: string]: unknown;
  }
  interface ConvertResult {
    openapi: unknown;
    [key: string]: unknown;
  }
  export function convertObj(swagger: unknown, options: ConvertOptions): Promise<ConvertResult>;
}
