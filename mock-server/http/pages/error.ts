/** The pages shown instead of redirecting or answering when a browser request fails. */
import { escapeHtml, layout } from './layout';

/** Statuses a refused page request answers with, as the spec declares: an invalid request, too many requests, our fault. */
export type ErrorPageStatus = 400 | 429 | 500;

/** How a page route shows a refusal: the HTML of the page sent with `status` (`message` is plain text). */
export type ErrorPage = (status: ErrorPageStatus, message: string) => string;

/** Why a page could not be shown: an invalid request (400), too many requests (429) or our fault (500). */
export const errorPage: ErrorPage = (status, message) => {
  const heading = status === 429 ? 'Too many attempts' : status === 500 ? 'Something went wrong' : 'This request is not valid';
  const advice =
    status === 429
      ? 'Wait a little, then try again.'
      : status === 500
        ? 'Nothing was changed. Try again.'
        : 'Go back to the app and start again. Nothing was sent to it.';
  return layout(heading, `<h1>${heading}</h1>\n<p>${escapeHtml(message)}</p>\n<p>${advice}</p>`);
};
