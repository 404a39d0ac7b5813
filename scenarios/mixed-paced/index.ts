// mixed-paced's manifest: mixed's strategies (post-detail's files) under paced, uniform writes. Full profile only.
import { defineScenario } from '../../src/core/scenario.ts';
import mixed from '../mixed/index.ts';
import { contract, type NewComment, type Params } from './contract.ts';

export default defineScenario<Params, NewComment>({
  ...contract,
  sourceDir: 'post-detail',
  runIn: ['full'],
  strategies: mixed.strategies,
});
