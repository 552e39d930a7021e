# The project's commands; each installs what it needs first (scripts/setup.sh).
.PHONY: run test package package-windows bindings dev

run:        ## Build and open Maillage on the demo database
	scripts/run.sh

test:       ## Every test: core, CLI, UI (unit + Chromium), real app end to end under Xvfb
	scripts/test.sh

package:    ## Installable .deb (target/release/bundle/deb/)
	scripts/package.sh

package-windows: ## Windows installer (per user) and portable zip, cross-built here (target/windows/)
	scripts/package-windows.sh

bindings:   ## Regenerate the TypeScript types of the IPC (ui/src/lib/bindings/)
	UPDATE_BINDINGS=1 cargo test -p maillage-core --lib bindings

dev:        ## Hot-reloading development app (Vite dev server + debug binary)
	scripts/setup.sh
	ui/node_modules/.bin/tauri dev -- -- --db demo/maillage-demo.sqlite
