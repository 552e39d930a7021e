// One confirmation for every destructive click: a page awaits `confirmAction(...)`, the layout's
// <ConfirmHost> shows it as a modal dialog and answers true (« confirm ») or false (cancel, Escape,
// or another confirmation asked meanwhile). One dialog for the whole app, one way of asking.

export type ConfirmRequest = {
	/** The question, as the dialog's title (« Retirer cette séance ? »). */
	title: string;
	/** What will happen, and what will not. */
	message: string;
	/** The confirming button's words (« Retirer la séance »): never a bare « OK ». */
	confirmLabel: string;
	/** « danger » (the default) for what removes or ends something; « primary » for a plain yes. */
	tone?: 'danger' | 'primary';
};

type Pending = ConfirmRequest & { answer: (yes: boolean) => void };

class ConfirmState {
	pending = $state<Pending | null>(null);

	ask(request: ConfirmRequest): Promise<boolean> {
		// A second question replaces the first, which is answered « no ».
		this.pending?.answer(false);
		return new Promise((resolve) => {
			this.pending = {
				...request,
				answer: (yes) => {
					this.pending = null;
					resolve(yes);
				}
			};
		});
	}
}

export const confirmation = new ConfirmState();

/** Asks the user before a destructive action; resolves to true only when they confirm. */
export const confirmAction = (request: ConfirmRequest) => confirmation.ask(request);

/** Runs `run` once the user has confirmed `request`; does nothing when they cancel. */
export async function afterConfirming(request: ConfirmRequest, run: () => unknown): Promise<void> {
	if (await confirmAction(request)) await run();
}
