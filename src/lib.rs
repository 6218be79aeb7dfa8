//! Stackscope: what a company's SaaS and martech stack costs and how much of it is used, computed from CSV
//! exports entirely on the user's machine.
//!
//! The pipeline, in the order data flows (each stage uses only those before it):
//!
//! `decode` (bytes → text) → `ingest` (dialect, header, column types and roles, diagnostics) → surfaces
//! (`wasm` for the page, `main.rs` for the CLI).
//!
//! The core is pure: bytes and options in, typed results out; it reads no clock, no file and no JS.

pub mod decode;
pub mod demo;
pub mod error;
pub mod ingest;
pub mod model;
pub mod reconcile;
pub mod stack;
pub mod workload;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
