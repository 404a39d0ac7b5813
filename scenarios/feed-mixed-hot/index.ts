// feed-mixed-hot's manifest: feed-mixed's strategies (feed's files) under its hot writes.
import { defineScenario } from '../../src/core/scenario.ts';
import feedMixed from '../feed-mixed/index.ts';
import { contract, type NewComment, type Params } from './contract.ts';

export default defineScenario<Params, NewComment>({
  ...contract,
  sourceDir: 'feed',
  strategies: feedMixed.strategies,
});
