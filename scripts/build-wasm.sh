#!/usr/bin/env bash
# Builds the two wasm modules (the page's, campaign_core_wasm, and campaign_core_tools) and
# their JS glue into examples/web/pkg/, with their sizes in pkg/build-info.json.
#
# Toolchain: rustup's wasm32 target when it can be had (route A); otherwise Debian's
# rustc-web with a std built from source (route B, see DESIGN.md).
# Set CAMPAIGN_WASM_ROUTE=B to force the fallback.
#
# Size: the module is built "lean" when the standard library's source is at hand
# (rustup's rust-src component, or rust-web-src on route B): std is rebuilt with
# `optimize_for_size`, panics become an immediate trap (`-Cpanic=immediate-abort`, no
# panic messages or locations are linked) and `-Zlocation-detail=none`. These are
# unstable flags, enabled on a stable compiler with RUSTC_BOOTSTRAP=1, as the
# min-sized-rust guide describes. The core never panics across the binding (every bad
# input is a typed error), so the only change is size. If the lean build cannot be had
# or fails, the plain build is used. CAMPAIGN_WASM_LEAN=0 forces the plain build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
WASM_BINDGEN_VERSION=$(grep -A1 'name = "wasm-bindgen"' Cargo.lock | sed -n 's/version = "\(.*\)"/\1/p' | head -n1)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}
out=examples/web/pkg
profile=wasm-release
target=wasm32-unknown-unknown

route=${CAMPAIGN_WASM_ROUTE:-A}
if [ "$route" = A ]; then
  if ! rustup target list --installed 2>/dev/null | grep -qx "$target"; then
    echo "build-wasm: adding the $target target with rustup" >&2
    rustup target add "$target" >&2 || route=B
  fi
fi

lean_args=(-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size)
lean_flags="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
lean=${CAMPAIGN_WASM_LEAN:-1}

# One module per feature of bindings-wasm: "page" (loaded at start) and "tools"
# (loaded on first use); see bindings-wasm/src/lib.rs.
compile() {
  local build_args=(build -p campaign-core-wasm --target "$target" --profile "$profile" --no-default-features --features "$1")
  if [ "$route" = A ]; then
    if [ "$lean" = 1 ] && ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
      echo "build-wasm: adding rustup's rust-src component for the lean build" >&2
      rustup component add rust-src >&2 || lean=0
    fi
    built=0
    if [ "$lean" = 1 ]; then
      if RUSTC_BOOTSTRAP=1 RUSTFLAGS="$lean_flags" CARGO_TARGET_DIR="$root/target/wasm-lean" \
        cargo "${build_args[@]}" "${lean_args[@]}"; then
        export CARGO_TARGET_DIR="$root/target/wasm-lean"
        built=1
      else
        echo "build-wasm: the lean build failed; building the plain module" >&2
      fi
    fi
    if [ "$built" = 0 ]; then
      lean=0
      cargo "${build_args[@]}"
    fi
  else
    echo "build-wasm: route B: Debian's rustc-web 1.96 with a std built from source" >&2
    tree="$root/.tools/rustc-web"
    if [ ! -x "$tree/usr/bin/rustc" ]; then
      [ "$(id -u)" = 0 ] && apt-get update -qq >&2 || true
      apt-get install -y -qq libllvm22 lld-22 libgit2-1.5 >&2
      mkdir -p "$tree" "$root/.tools/debs"
      (cd "$root/.tools/debs" && apt-get download rustc-web cargo-web libstd-rust-web-1.96 libstd-rust-web-dev rust-web-src rust-web-llvm >&2)
      for deb in "$root"/.tools/debs/*.deb; do dpkg -x "$deb" "$tree"; done
      ln -sf /usr/bin/lld-22 "$tree/usr/bin/lld-22"
    fi
    web_build() {
      PATH="$tree/usr/bin:$PATH" LD_LIBRARY_PATH="$tree/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
        RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$root/target/rustc-web" "$tree/usr/bin/cargo" "${build_args[@]}" "$@"
    }
    if [ "$lean" = 1 ] && RUSTFLAGS="$lean_flags" web_build "${lean_args[@]}"; then
      :
    else
      [ "$lean" = 1 ] && echo "build-wasm: the lean build failed; building the plain module" >&2
      lean=0
      web_build -Zbuild-std=std,panic_abort
    fi
    export CARGO_TARGET_DIR="$root/target/rustc-web"
  fi
}

if ! command -v wasm-bindgen >/dev/null || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  echo "build-wasm: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (matches Cargo.lock)" >&2
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" >&2
fi
# wasm-opt from npm's binaryen (Debian's binaryen 108 produces a module that fails to load).
wasm_opt="$root/tests/browser/node_modules/.bin/wasm-opt"
optimised=$([ -x "$wasm_opt" ] && echo true || echo false)
[ "$optimised" = true ] || echo "build-wasm: npm binaryen not installed (run npm install in tests/browser); modules left unoptimised" >&2

rm -rf "$out"
info=""
# The page module embeds the built-in data without its `sources` and `about` texts and
# without population figures (feature lean-data: what checking never uses).
for pair in page,lean-data:campaign_core_wasm tools:campaign_core_tools sheets:campaign_core_sheets; do
  feature=${pair%%:*}
  name=${pair#*:}
  compile "$feature"
  wasm="${CARGO_TARGET_DIR:-$root/target}/$target/$profile/campaign_core_wasm.wasm"
  wasm-bindgen --target web --out-dir "$out" --out-name "$name" "$wasm"
  module="$out/${name}_bg.wasm"
  if [ "$optimised" = true ]; then
    "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
      "$module" -o "$module.opt"
    mv "$module.opt" "$module"
  fi
  raw=$(stat -c %s "$module")
  gz=$(gzip -9 -c "$module" | wc -c)
  kind=$([ "$lean" = 1 ] && echo lean || echo plain)
  echo "build-wasm: route $route, $kind build: $module $raw bytes raw, $gz bytes gzip"
  info="$info${info:+, }\"$name\": {\"raw\": $raw, \"gzip\": $gz}"
done
# Read by tests/browser/wasm.test.mjs, which holds each module to a size budget.
printf '{"route": "%s", "kind": "%s", "wasm_opt": %s, "modules": {%s}}\n' \
  "$route" "$kind" "$optimised" "$info" > "$out/build-info.json"
# The npm package (bindings-wasm/package.json) ships the same files.
rm -rf "$root/bindings-wasm/pkg"
mkdir -p "$root/bindings-wasm/pkg"
cp "$out"/campaign_core_{wasm,tools,sheets}{.js,.d.ts,_bg.wasm} "$root/bindings-wasm/pkg/"
echo "build-wasm: npm package files in bindings-wasm/pkg/"
# The example page uses the npm package as a third party would: packed, then installed
# into examples/web/node_modules, its files imported by path (no bundler).
if command -v npm >/dev/null; then
  tarball=$(cd "$root/bindings-wasm" && npm pack --silent --pack-destination "$root/target" | tail -n1)
  rm -rf "$root/examples/web/node_modules"
  npm install --prefix "$root/examples/web" --no-save --no-package-lock --no-audit --no-fund \
    --loglevel=error "$root/target/$tarball" >&2
  echo "build-wasm: the page's copy of the package: examples/web/node_modules/campaign-core-wasm ($tarball)"
else
  echo "build-wasm: npm is missing: the example page needs the package installed (see README)" >&2
fi
