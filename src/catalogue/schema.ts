/**
 * The contract in one import: code lists (codes.ts), the publication plan and confidentiality
 * rule (publication.ts) and the tables (tables.ts).
 */
export * from './codes';
export * from './publication';
export * from './tables';
export * from './refs';
