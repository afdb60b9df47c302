export * from './schema';
export * from './labels';
export * from './sites';
export * from './indicators';
export * from './dataset';
export * from './display';
