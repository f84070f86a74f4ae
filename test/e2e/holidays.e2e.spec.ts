import { sampleDialogueInput, startStack, testDrivers, type Stack } from '@cascade/testing';
import { entitiesWithPeople } from './support/demo-entities';

/** A fixed year far enough ahead that the projection does not depend on today's date. */
const YEAR = 2030;
const LAUNCH_AT = '2030-11-04T14:00:00Z'; // Monday, 09:00 New York

interface PlanRow {
  entity: string | null;
  timer: string;
  localDueAt: string;
  movedFrom: string | null;
  movedBecause: string | null;
}

describe.each(testDrivers())('duty-station holidays through the admin API (%s)', (driver) => {
  let stack: Stack;
  const reminder7 = async () => {
    const plan = await stack.ok<{ timers: PlanRow[] }>(
      'GET',
      `/api/dialogues/${YEAR}/plan?entity=EOSG&launchAt=${LAUNCH_AT}`,
    );
    return plan.timers.find((t) => t.timer === 'reminder-7');
  };

  beforeAll(async () => {
    stack = await startStack({ driver, workers: 0 });
    expect((await stack.call('POST', '/api/dialogues', sampleDialogueInput(YEAR))).status).toBe(201);
    const entities = entitiesWithPeople().filter((e) => ['EOSG', 'ESCWA'].includes(e.code));
    expect((await stack.call('POST', '/api/entities/import', { entities })).status).toBe(201);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('lists the library holidays of New York and no library place for Beirut', async () => {
    const newYork = await stack.ok<{ region: string; library: { date: string; name: string }[] }>(
      'GET',
      `/api/duty-stations/New%20York/holidays?year=${YEAR}`,
    );
    expect(newYork.region).toBe('US-NY');
    expect(newYork.library).toContainEqual({ date: '2030-12-25', name: 'Christmas Day' });
    const beirut = await stack.ok<{ region: string | null; library: unknown[] }>(
      'GET',
      `/api/duty-stations/Beirut/holidays?year=${YEAR}`,
    );
    expect(beirut).toMatchObject({ region: null, library: [] });
  });

  it('an added holiday moves the projected reminder, and the preview says from when and why', async () => {
    expect(await reminder7()).toMatchObject({ localDueAt: '2030-12-24T09:00:00-05:00', movedFrom: null });
    const added = await stack.call('POST', '/api/duty-stations/New%20York/holidays', {
      date: '2030-12-24',
      effect: 'add',
      name: 'Christmas Eve (UN list)',
      reason: 'UN list of holidays, New York 2030',
    });
    expect(added.status).toBe(201);
    expect(await reminder7()).toMatchObject({
      localDueAt: '2030-12-26T09:00:00-05:00',
      movedFrom: '2030-12-24',
      movedBecause: 'moved from Tuesday 24 December: Christmas Eve (UN list), Christmas Day, New York',
    });
    expect((await stack.call('DELETE', '/api/duty-stations/New%20York/holidays/2030-12-24')).status).toBe(
      200,
    );
    expect(await reminder7()).toMatchObject({ localDueAt: '2030-12-24T09:00:00-05:00', movedFrom: null });
  });

  it('answers 422 naming the field for a bad date, effect or station, and 404 for a change that does not exist', async () => {
    const post = (station: string, body: unknown) =>
      stack.call<{ issues?: { field: string }[] }>('POST', `/api/duty-stations/${station}/holidays`, body);
    const fields = async (station: string, body: unknown) => {
      const answer = await post(station, body);
      expect(answer.status).toBe(422); // the API's answer to a request it understood but refuses, field by field
      return (answer.body.issues ?? []).map((i) => i.field);
    };
    expect(await fields('Beirut', { date: '2030-02-30', effect: 'add', name: 'Eid al-Fitr' })).toEqual([
      'date',
    ]);
    expect(await fields('Beirut', { date: '2030-03-05', effect: 'hide', name: 'Eid al-Fitr' })).toEqual([
      'effect',
    ]);
    expect(await fields('Atlantis', { date: '2030-03-05', effect: 'add', name: 'Eid al-Fitr' })).toEqual([
      'dutyStation',
    ]);
    expect((await stack.call('DELETE', '/api/duty-stations/Beirut/holidays/2030-03-05')).status).toBe(404);
    const beirut = await stack.ok<{ changes: unknown[] }>('GET', '/api/duty-stations/Beirut/holidays');
    expect(beirut.changes).toEqual([]);
  });
});
