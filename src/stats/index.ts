export * from './special';
export * from './discrete';
export * from './intervals';
export * from './funnel-limits';
