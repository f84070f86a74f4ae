import { cancelSessionForm } from './cancel-session.form';
import { confirmForm } from './confirm.form';
import { excuseForm } from './excuse.form';
import { extensionForm } from './extension.form';
import { feedbackForm } from './feedback.form';
import type { PortalFormDefinition } from './form-definition';
import { leaderLinkForm } from './leader-link.form';
import { participantsLinkForm } from './participants-link.form';
import { scenarioForm } from './scenario.form';
import { scheduleForm } from './schedule.form';
import { seminarForm } from './seminar.form';
import { sessionForm } from './session.form';
import { statisticsForm } from './statistics.form';

/** Every form of the token-link pages: a form is known to the controller, the page model and the tests by this. */
export const PORTAL_FORM_DEFINITIONS = [
  statisticsForm,
  extensionForm,
  scenarioForm,
  seminarForm,
  leaderLinkForm,
  excuseForm,
  scheduleForm,
  cancelSessionForm,
  sessionForm,
  participantsLinkForm,
  feedbackForm,
  confirmForm,
] as const;

export type PortalForm = (typeof PORTAL_FORM_DEFINITIONS)[number]['name'];

/** The forms' names; each posts to `/p/:token/<name>`. */
export const PORTAL_FORMS: readonly PortalForm[] = PORTAL_FORM_DEFINITIONS.map((form) => form.name);

const BY_NAME = new Map<string, PortalFormDefinition<PortalForm>>(
  PORTAL_FORM_DEFINITIONS.map((form) => [form.name, form]),
);

export function isPortalForm(value: unknown): value is PortalForm {
  return typeof value === 'string' && BY_NAME.has(value);
}

export function portalForm(name: PortalForm): PortalFormDefinition<PortalForm> {
  return BY_NAME.get(name) as PortalFormDefinition<PortalForm>;
}
