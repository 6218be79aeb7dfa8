use super::model::*;
pub fn cost_vs_utilisation(_m: &[CostPoint], _o: &ChartOptions) -> String {
    String::new()
}
