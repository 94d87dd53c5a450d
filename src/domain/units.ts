/** Sizes in the contract are kB, with 1 kB = 1024 bytes. */
export const kb = (bytes: number): number => bytes / 1024;
