import type { RecordQueryService } from '@cascade/dialogue';
import { whereOf } from './list-filters';
import { SEARCH_FILTER, SEARCHED_COLUMNS, withListSearch } from './list-search';
import { orgEntityResource } from './org-entity.resource';

/** The box's condition is the record reader's (tested on both databases in list-search.int.spec.ts). */
const records = {
  containsText: (fields: readonly string[], text: string) => ({ contains: [fields, text] }),
} as unknown as RecordQueryService;

describe('the search box of a console list', () => {
  const searched = withListSearch(records, orgEntityResource);

  it('is the first filter of the list, shown in the filters only', () => {
    expect((searched.options['filterProperties'] as string[])[0]).toBe(SEARCH_FILTER);
    const properties = searched.options['properties'] as Record<string, { isVisible: unknown }>;
    expect(properties[SEARCH_FILTER].isVisible).toEqual({
      list: false,
      show: false,
      edit: false,
      filter: true,
    });
    // The resource's own definition is left as it was.
    expect(orgEntityResource.options['filterProperties']).not.toContain(SEARCH_FILTER);
  });

  it('searches the code and the name, beside the other filters', () => {
    const where = whereOf(
      { search: { path: 'search', value: 'unep' }, kind: { path: 'kind', value: 'office' } },
      searched.reading,
    );
    expect(where).toEqual({ contains: [SEARCHED_COLUMNS['OrgEntity'], 'unep'], kind: 'office' });
  });

  it('adds no condition for a box of spaces', () => {
    expect(whereOf({ search: { path: 'search', value: '   ' } }, searched.reading)).toEqual({});
  });

  it('leaves a list without searched columns as it was', () => {
    const other = { ...orgEntityResource, model: { name: 'Dialogue' } };
    expect(withListSearch(records, other)).toBe(other);
  });
});
