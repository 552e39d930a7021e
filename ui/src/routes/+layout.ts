// A desktop single-page app: everything renders in the web view, nothing on a server.
export const ssr = false;
export const prerender = false;
