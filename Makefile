# The three commands a user needs: `make demo`, `make test`, `make install`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test pdf-tools test-browser lint clean-outputs

# Byte-compile the package too: an editable install leaves that to the first import, and where
# PYTHONDONTWRITEBYTECODE is set every command would compile every module again (a third of
# `sansong clean`'s start-up). Only changed modules are compiled; a stale .pyc is never used.
install: $(STAMP)
	@$(BIN)/python -m compileall -q sansong_analysis >/dev/null

# Reinstall only when the declared dependencies change; quiet otherwise.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (set PYTHON=python3.11)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing sansong-analysis and its pinned dependencies into $(VENV)/ ..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

# The whole job on the embedded demo county: raw ledgers -> frames -> reports.
demo: install
	@mkdir -p data/raw
	@if [ -z "$$(find data/raw -type f ! -name '.gitkeep' -print -quit)" ]; then \
		$(BIN)/sansong demo-data --out data/raw; \
	fi
	$(BIN)/sansong run --raw data/raw --processed data/processed --out outputs

# The Linux-only fast paths (the batch's kernel zygote, the reader's helper process) each have a
# portable fallback: the batch and clean tests run once more with both switched off.
FALLBACK_TESTS := tests/test_batch.py tests/test_orphans.py tests/test_e2e_clean.py tests/test_clean_sheets.py tests/test_markup.py

test: install pdf-tools
	$(BIN)/python -m pytest -q -m "not browser"
	SANSONG_KERNEL_ZYGOTE=0 SANSONG_READER_HELPER=0 $(BIN)/python -m pytest -q -m "not browser" $(FALLBACK_TESTS)

# Ghostscript and poppler-utils, for tests/test_pdf_text.py (which skips, saying why, without them):
# installed from Debian's packages when missing and this runs as root with apt-get, as CI does.
pdf-tools:
	@if ! command -v gs >/dev/null || ! command -v pdftotext >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing ghostscript and poppler-utils (apt-get) for the PDF text test ..."; \
			(apt-get update -qq && apt-get install -y -qq ghostscript poppler-utils >/dev/null) \
				|| echo "warning: apt-get could not install ghostscript/poppler-utils; tests/test_pdf_text.py will skip"; \
		else \
			echo "note: ghostscript/poppler-utils missing (not root or no apt-get); tests/test_pdf_text.py will skip"; \
		fi; \
	fi

# Real browser check of report.html (installs Debian's chromium; kept out of `make test`).
test-browser: install
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
	$(BIN)/python -m pytest -q -m browser

lint: install
	$(BIN)/ruff check .
