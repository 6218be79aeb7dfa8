use super::model::*;
pub fn spend_over_time(_m: &[MonthlySpend], _o: &ChartOptions) -> String {
    String::new()
}
