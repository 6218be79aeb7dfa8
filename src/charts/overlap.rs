use super::model::*;
pub fn overlap_matrix(_m: &OverlapMatrix, _o: &ChartOptions) -> String {
    String::new()
}
