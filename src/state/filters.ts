/**
 * The query filters a view state asks for. Views never build `Filters` by hand, so a new filter
 * is added in one place.
 */
import { acceptedFilters, type Filters, type IndicatorDefinition } from '../catalogue';
import type { AppState } from './app-state';

type FilterFields = Pick<
  AppState,
  'criterion' | 'domain' | 'channel' | 'benefit' | 'territoryType'
>;

/** Every filter of the state, as chosen (views comparing several indicators). */
export function stateFilters(state: FilterFields): Filters {
  return {
    criterion: state.criterion,
    domain: state.domain,
    channel: state.channel,
    benefit: state.benefit,
    territoryType: state.territoryType,
  };
}

/** The filters of the state that `indicator` accepts (the others are dropped, not applied). */
export function filtersOf(indicator: IndicatorDefinition, state: FilterFields): Filters {
  return acceptedFilters(indicator, stateFilters(state));
}
