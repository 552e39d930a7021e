import { render, screen } from '@testing-library/svelte';
import { createRawSnippet } from 'svelte';
import { describe, expect, it } from 'vitest';
import Field from './Field.svelte';

const input = createRawSnippet(() => ({ render: () => '<input id="f-email" />' }));

describe('Field', () => {
	it('labels its input and shows the error as an alert', () => {
		render(Field, { id: 'f-email', label: 'E-mail', error: "L'adresse n'est pas valide.", required: true, children: input });
		expect(screen.getByLabelText(/E-mail/)).toBe(document.getElementById('f-email'));
		expect(screen.getByRole('alert')).toHaveTextContent("L'adresse n'est pas valide.");
		expect(document.querySelector('.field')).toHaveClass('invalid');
		// The control is linked to its message.
		const control = document.getElementById('f-email')!;
		expect(control).toHaveAttribute('aria-invalid', 'true');
		expect(control).toHaveAttribute('aria-describedby', 'f-email-error');
		expect(control).toHaveAccessibleDescription("L'adresse n'est pas valide.");
		expect(control).toHaveAttribute('aria-required', 'true');
	});
	it('shows no alert when there is no error', () => {
		render(Field, { id: 'f-name', label: 'Nom', hint: 'tel qu’il s’écrit', children: input });
		expect(screen.queryByRole('alert')).toBeNull();
		expect(document.querySelector('input')).not.toHaveAttribute('aria-invalid');
		expect(screen.getByText(/tel qu’il s’écrit/)).toBeInTheDocument();
	});
});
