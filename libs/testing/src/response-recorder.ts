import type { Response } from 'express';

/** What a controller wrote to its response: the status, a redirect's address, the page. */
export interface RecordedAnswer {
  status: number;
  location: string | null;
  html: string;
}

/**
 * A response for calling a page controller's handler directly, in-process (so the test can count the ORM's
 * statements around it), which keeps what the handler answers.
 */
export function responseRecorder(): { response: Response; answer: RecordedAnswer } {
  const answer: RecordedAnswer = { status: 0, location: null, html: '' };
  const response = {
    setHeader: () => response,
    type: () => response,
    status(code: number) {
      answer.status = code;
      return response;
    },
    send(html: string) {
      answer.html = html;
      return response;
    },
    redirect(code: number, location: string) {
      answer.status = code;
      answer.location = location;
    },
  };
  return { response: response as unknown as Response, answer };
}
