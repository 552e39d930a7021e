// Matchers of @testing-library/jest-dom (toHaveTextContent…) for the component tests' types.
import '@testing-library/jest-dom/vitest';
