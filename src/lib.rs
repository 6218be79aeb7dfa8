//! Stackscope: what a company's SaaS and martech stack costs and how much of it is used, computed from CSV
//! exports entirely on the user's machine.
//!
//! The pipeline, in the order data flows (each stage uses only those before it):
//!
//! `decode` (bytes → text) → `ingest` (dialect, header, column types and roles, known exports, typed records)
//! → `reconcile` (tool identity, spend classes, people; builds the `stack`) → `metrics` (utilisation, spend,
//! cost, overlap, ROI, renewals, recommendations) → `report` (one serialisable result) → `charts` (report →
//! SVG) and `export` (text, CSV, HTML) → surfaces (`wasm` for the page's worker, `main.rs` for the CLI).
//! `analysis` runs the stages after ingestion; `pseudonymise` hides people, amounts and vendors; `demo` is the
//! fictional company.
//!
//! The core is pure: bytes and options in, typed results out; it reads no clock, no file and no JS.

pub mod analysis;
pub mod charts;
pub mod dashboard;
pub mod decode;
pub mod demo;
pub mod error;
pub mod export;
pub mod ingest;
pub mod metrics;
pub mod model;
pub mod pseudonymise;
pub mod reconcile;
pub mod report;
pub mod stack;
pub mod workload;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
