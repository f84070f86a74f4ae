import { ValidationFailed } from '../shared/errors';
import { readOrgTreeCsv } from './org-tree';

const issuesOf = (csv: string) => {
  try {
    readOrgTreeCsv(csv, 'en');
  } catch (error) {
    if (error instanceof ValidationFailed) return error.issues.map((i) => `${i.row} ${i.field} ${i.code}`);
    throw error;
  }
  return [];
};

describe('reading a reporting tree', () => {
  it('counts a person as having reports only through a valid address in the file', () => {
    // Row 3's address is not one, and row 4 names the same text as its manager: both lines are wrong as written,
    // and row 3 is not also blamed for having reports while marked as no manager.
    const csv = [
      'name,email,manager_email,is_manager',
      'Head,head@x.example.org,,yes',
      'Bad Address,plainaddress,head@x.example.org,no',
      'Report,report@x.example.org,plainaddress,no',
    ].join('\n');
    expect(issuesOf(csv)).toEqual([
      '3 email email',
      '4 manager_email email',
      '4 manager_email manager-not-in-file',
    ]);
  });

  it('still refuses a person marked as no manager whom a valid line names as its manager', () => {
    const csv = [
      'name,email,manager_email,is_manager',
      'Head,head@x.example.org,,yes',
      'Lead,lead@x.example.org,head@x.example.org,no',
      'Report,report@x.example.org,lead@x.example.org,no',
    ].join('\n');
    expect(issuesOf(csv)).toEqual(['3 is_manager reports-make-manager']);
  });
});
