export { benchConfig } from './config.js';
export { type Figure, recordFigure } from './figures.js';
export { RatioReporter } from './ratio-reporter.js';
