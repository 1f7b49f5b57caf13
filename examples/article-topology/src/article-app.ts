import { App, type AppProps } from 'aws-cdk-lib';
import { ArticleTopologyStack, type ArticleVariant } from './article-topology-stack.js';

export const STACK_NAME = 'ClosedFtpArticle';
export const VARIANTS: readonly ArticleVariant[] = ['working', 'broken'];

/** Adds the example's one stack to `app`: environment-agnostic, so it synthesizes offline without lookups. */
export function addArticleTopology(app: App, variant: ArticleVariant = 'working'): ArticleTopologyStack {
  return new ArticleTopologyStack(app, STACK_NAME, {
    variant,
    description: `closed-ftp example: the source article's closed-VPC FTP topology (${variant})`,
  });
}

/** A new app holding the example. */
export function articleApp(variant: ArticleVariant = 'working', props: AppProps = {}): App {
  const app = new App(props);
  addArticleTopology(app, variant);
  return app;
}
