// The column readers moved to the ground floor (src/arrow/columns.ts), where the map reads them
// too; chart builders keep this path.
export * from '../arrow/columns';
