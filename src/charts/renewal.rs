use super::model::*;
pub fn renewal_timeline(_m: &[RenewalItem], _as_of: &str, _o: &ChartOptions) -> String {
    String::new()
}
