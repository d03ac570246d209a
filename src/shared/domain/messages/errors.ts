import { entry } from './entry';

/** What deciders and handlers refuse (DomainError), by area. */
export const errorMessages = {
  'not-found.credit': entry(
    () => 'no such credit',
    () => '没有此学分',
  ),
};
