// `@closed-ftp/network-check/samples`: reference topologies as plain CloudFormation data, for tests, demos and docs.
export * from './samples/article-topology.js';
