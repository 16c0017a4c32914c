/// EDM v3+ writes EU-vocabulary alpha-3 country codes (BEL), earlier generations ISO alpha-2 (BE).
/// The model uses alpha-2; unknown codes are kept as written.
public enum CountryCodes {
    static let alpha3ToAlpha2: [String: String] = [
        "AUT": "AT", "BEL": "BE", "BGR": "BG", "HRV": "HR", "CYP": "CY", "CZE": "CZ", "DNK": "DK", "EST": "EE",
        "FIN": "FI", "FRA": "FR", "DEU": "DE", "GRC": "GR", "HUN": "HU", "IRL": "IE", "ITA": "IT", "LVA": "LV",
        "LTU": "LT", "LUX": "LU", "MLT": "MT", "NLD": "NL", "POL": "PL", "PRT": "PT", "ROU": "RO", "SVK": "SK",
        "SVN": "SI", "ESP": "ES", "SWE": "SE", "ISL": "IS", "LIE": "LI", "NOR": "NO", "CHE": "CH", "GBR": "GB",
        "AND": "AD", "MCO": "MC", "SMR": "SM", "VAT": "VA", "ALB": "AL", "BIH": "BA", "MNE": "ME", "MKD": "MK",
        "SRB": "RS", "TUR": "TR", "UKR": "UA", "MDA": "MD", "BLR": "BY", "RUS": "RU", "GEO": "GE", "ARM": "AM",
        "AZE": "AZ", "KAZ": "KZ", "CHN": "CN", "HKG": "HK", "TWN": "TW", "JPN": "JP", "KOR": "KR", "IND": "IN",
        "VNM": "VN", "THA": "TH", "MYS": "MY", "IDN": "ID", "SGP": "SG", "PHL": "PH", "USA": "US", "CAN": "CA",
        "MEX": "MX", "BRA": "BR", "ARG": "AR", "CHL": "CL", "AUS": "AU", "NZL": "NZ", "ZAF": "ZA", "EGY": "EG",
        "MAR": "MA", "ISR": "IL", "ARE": "AE", "SAU": "SA", "QAT": "QA", "IRN": "IR", "PRK": "KP", "SYR": "SY",
    ]

    /// Upper-cased alpha-2 for an alpha-2 or known alpha-3 code; the trimmed input otherwise.
    public static func normalise(_ code: String?) -> String? {
        guard let code, !code.isEmpty else { return nil }
        let upper = code.uppercased()
        if upper.count == 3, let alpha2 = alpha3ToAlpha2[upper] { return alpha2 }
        return upper
    }
}
