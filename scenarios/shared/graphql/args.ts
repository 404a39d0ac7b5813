// The GraphQL arguments checked as the REST routes check their params, so bad input is a 400 either way: a post id
// is a positive 32-bit integer, a feed page 1..MAX_PAGE.
import { positiveInt } from '../../../src/core/params.ts';
import { MAX_PAGE, offsetOf, PAGE_SIZE } from '../../feed/contract.ts';

export const postId = (id: number): number => positiveInt(String(id), 'id');
export const feedPage = (page: number): number => positiveInt(String(page), 'page', MAX_PAGE);
export { offsetOf, PAGE_SIZE };
