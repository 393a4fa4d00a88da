//! The dimensions every fact and record is sliced by. Ids are stable ASCII
//! strings on the wire; labels live here so every page names them the same way.

use serde::{Deserialize, Serialize};

use crate::domain::shared::labelled::labelled_enum;

labelled_enum! {
    /// Tianjin's 16 districts.
    District {
        Heping = "heping", "和平区", "Heping";
        Hedong = "hedong", "河东区", "Hedong";
        Hexi = "hexi", "河西区", "Hexi";
        Nankai = "nankai", "南开区", "Nankai";
        Hebei = "hebei", "河北区", "Hebei";
        Hongqiao = "hongqiao", "红桥区", "Hongqiao";
        Dongli = "dongli", "东丽区", "Dongli";
        Xiqing = "xiqing", "西青区", "Xiqing";
        Jinnan = "jinnan", "津南区", "Jinnan";
        Beichen = "beichen", "北辰区", "Beichen";
        Wuqing = "wuqing", "武清区", "Wuqing";
        Baodi = "baodi", "宝坻区", "Baodi";
        Binhai = "binhai", "滨海新区", "Binhai New Area";
        Ninghe = "ninghe", "宁河区", "Ninghe";
        Jinghai = "jinghai", "静海区", "Jinghai";
        Jizhou = "jizhou", "蓟州区", "Jizhou";
    }
}

impl District {
    /// Resident population in 10k people (Tianjin 7th census, rounded); the
    /// demo generator weights traffic by it.
    pub fn population_wan(self) -> f64 {
        match self {
            District::Heping => 35.5,
            District::Hedong => 85.9,
            District::Hexi => 82.2,
            District::Nankai => 89.0,
            District::Hebei => 64.7,
            District::Hongqiao => 48.3,
            District::Dongli => 85.7,
            District::Xiqing => 119.5,
            District::Jinnan => 92.8,
            District::Beichen => 90.9,
            District::Wuqing => 115.1,
            District::Baodi => 72.2,
            District::Binhai => 206.7,
            District::Ninghe => 39.5,
            District::Jinghai => 78.7,
            District::Jizhou => 79.5,
        }
    }
}

labelled_enum! {
    /// Where a visit came from: the promotion channels of the seed article.
    Channel {
        Social = "social", "社交传播", "Social sharing";
        Content = "content", "内容平台", "Content platforms";
        OfflineQr = "offline_qr", "门店二维码", "Offline QR codes";
        PaidAds = "paid_ads", "付费广告", "Paid ads";
        Direct = "direct", "自然访问", "Direct";
    }
}

labelled_enum! {
    /// The phone platform the WeChat client ran on.
    Platform {
        Ios = "ios", "iOS", "iOS";
        Android = "android", "安卓", "Android";
        Harmony = "harmony", "鸿蒙", "HarmonyOS";
    }
}

labelled_enum! {
    Gender {
        Female = "female", "女", "Female";
        Male = "male", "男", "Male";
        Unknown = "unknown", "未知", "Unknown";
    }
}

labelled_enum! {
    AgeBand {
        Under18 = "under_18", "18岁以下", "Under 18";
        From18To24 = "18_24", "18–24岁", "18–24";
        From25To34 = "25_34", "25–34岁", "25–34";
        From35To44 = "35_44", "35–44岁", "35–44";
        From45To54 = "45_54", "45–54岁", "45–54";
        Over55 = "55_plus", "55岁以上", "55+";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn ids_round_trip_and_are_unique() {
        for d in District::ALL {
            assert_eq!(District::from_id(d.id()), Some(*d));
        }
        assert_eq!(District::ALL.len(), 16);
        let json = serde_json::to_string(&Channel::OfflineQr).unwrap();
        assert_eq!(json, "\"offline_qr\"");
        assert_eq!(District::from_id("nowhere"), None);
    }

    #[test]
    fn labels_exist_in_both_languages() {
        assert_eq!(District::Binhai.label(Lang::Zh), "滨海新区");
        assert_eq!(AgeBand::From25To34.label(Lang::En), "25–34");
    }
}
