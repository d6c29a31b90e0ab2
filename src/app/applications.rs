//! Applications and the employer's pipeline.
