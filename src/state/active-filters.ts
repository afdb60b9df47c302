/** The filter values in force, as codes, for file names and citations (`tous` is no filter). */
import type { AppState } from './app-state';

export function activeFilterCodes(
  state: Pick<AppState, 'criterion' | 'domain' | 'channel' | 'benefit' | 'territoryType'>,
): string[] {
  return [
    state.criterion,
    state.domain,
    state.channel,
    state.benefit,
    state.territoryType === 'tous' ? null : state.territoryType,
  ].filter((v): v is NonNullable<typeof v> => v !== null);
}
