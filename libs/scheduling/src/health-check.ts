/** One dependency's answer in a readiness report: up, or down with the reason. */
export type HealthCheck = { status: 'up' | 'down'; error?: string };

export async function healthCheck(work: () => Promise<unknown>): Promise<HealthCheck> {
  try {
    await work();
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  }
}
