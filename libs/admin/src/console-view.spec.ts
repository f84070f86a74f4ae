import { withValues, type ConsoleView } from './console-view';

describe('withValues', () => {
  it('gives a refused form back as it was typed, except passwords', () => {
    const view: ConsoleView = {
      title: 'New console account',
      form: {
        fields: [
          { name: 'email', label: 'Email', type: 'email' },
          { name: 'password', label: 'Password', type: 'password' },
          { name: 'confirm', label: 'Again', type: 'password' },
        ],
        submit: 'Create',
      },
    };
    const again = withValues(view, {
      email: 'vera@un.org',
      password: 'typed secret',
      confirm: 'typed secret',
    });
    expect(again.form?.fields.map((f) => [f.name, f.value])).toEqual([
      ['email', 'vera@un.org'],
      ['password', undefined],
      ['confirm', undefined],
    ]);
  });
});
