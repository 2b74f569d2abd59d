"""HARDWARE beyond the family lexicon: makers with no family row, new kinds, variants, lists.

Our own sentences in the style of tech news. Positive cases list every HARDWARE
entity in text order as (normal, vendor, category); negatives hold what looks
like a maker and a model but is not hardware (vehicles, software, standards,
product lines, sizes, roads, article numbers). The last tests are each decided
by one precision mechanism alone, so deleting it turns them red.
"""

from __future__ import annotations

import pytest

from newsfacts.extractors.hardware import HardwareExtractor

NV, GPU = "NVIDIA", "GPU"

POSITIVE: list[tuple[str, list[tuple[str, str, str]]]] = [
    # ---- wearables and audio ----
    ("Часы Garmin Fenix 8 получили AMOLED-экран и фонарик.", [("Garmin Fenix 8", "Garmin", "device")]),
    (
        "Смарт-часы Huawei Watch GT 5 работают до двух недель без подзарядки.",
        [("Huawei Watch GT 5", "Huawei", "device")],
    ),
    ("Новые часы Amazfit Balance 2 научились нырять на 45 метров.", [("Amazfit Balance 2", "Amazfit", "device")]),
    ("Фитнес-браслет Fitbit Charge 6 вернул физические кнопки.", [("Fitbit Charge 6", "Fitbit", "device")]),
    ("Умное кольцо Oura Ring 4 стало тоньше.", [("Oura Ring 4", "Oura", "device")]),
    ("Спортивные часы Suunto Race S дешевле старшей версии.", [("Suunto Race S", "Suunto", "device")]),
    ("Часы Polar Vantage V3 получили двухчастотный GPS.", [("Polar Vantage V3", "Polar", "device")]),
    ("Наушники Sennheiser Momentum 4 держат заряд 60 часов.", [("Sennheiser Momentum 4", "Sennheiser", "device")]),
    # ---- phone brands and lines ----
    ("Смартфон vivo X200 Pro получил перископную камеру.", [("vivo X200 Pro", "vivo", "device")]),
    (
        "В России начались продажи смартфонов vivo Y28 и Y38.",
        [("vivo Y28", "vivo", "device"), ("vivo Y38", "vivo", "device")],
    ),
    ("Смартфон Tecno Camon 30 получил 50-мегапиксельную селфи-камеру.", [("Tecno Camon 30", "Tecno", "device")]),
    ("Realme GT 7 Pro стал первым смартфоном на новом чипе.", [("realme GT 7 Pro", "realme", "device")]),
    ("Бюджетный смартфон Infinix Hot 50 оснащен экраном 120 Гц.", [("Infinix Hot 50", "Infinix", "device")]),
    ("Смартфон HTC U24 Pro вышел в Тайване.", [("HTC U24 Pro", "HTC", "device")]),
    ("Флагман ZTE Axon 60 Ultra показали на выставке.", [("ZTE Axon 60 Ultra", "ZTE", "device")]),
    ("Игровой смартфон Red Magic 10 Pro охлаждается вентилятором.", [("nubia Red Magic 10 Pro", "nubia", "device")]),
    (
        "Смартфон iQOO 13 построен на Snapdragon 8 Elite.",
        [("vivo iQOO 13", "vivo", "device"), ("Qualcomm Snapdragon 8 Elite", "Qualcomm", "SoC")],
    ),
    ("Защищенный смартфон Blackview BV9300 получил фонарь.", [("Blackview BV9300", "Blackview", "device")]),
    ("Смартфон nubia Z70 Ultra получил камеру с переменной диафрагмой.", [("nubia Z70 Ultra", "nubia", "device")]),
    ("Игровой смартфон Black Shark 2 Pro выйдет в августе.", [("Xiaomi Black Shark 2 Pro", "Xiaomi", "device")]),
    (
        "Телефоны Samsung A35 и A55 обновили.",
        [("Samsung Galaxy A35", "Samsung", "device"), ("Samsung Galaxy A55", "Samsung", "device")],
    ),
    # ---- laptops and their makers ----
    ("Игровой ноутбук Lenovo Legion 5 подешевел до 90 тысяч рублей.", [("Lenovo Legion 5", "Lenovo", "device")]),
    ("Ноутбук ASUS Zenbook 14 OLED весит меньше килограмма.", [("Asus Zenbook 14 OLED", "Asus", "device")]),
    ("Ультрабук Acer Swift Go 14 работает на Core Ultra.", [("Acer Swift Go 14", "Acer", "device")]),
    ("Немецкий сборщик Schenker представил ноутбук XMG Neo 16.", [("Schenker XMG Neo 16", "Schenker", "device")]),
    (
        "Ноутбук MSI Katana 15 получил видеокарту RTX 4060.",
        [("MSI Katana 15", "MSI", "device"), ("NVIDIA GeForce RTX 4060", "NVIDIA", "GPU")],
    ),
    ("Игровой ноутбук Razer Blade 16 стал тоньше.", [("Razer Blade 16", "Razer", "device")]),
    (
        "Производитель показал ноутбук Framework Laptop 13 с платой на Ryzen.",
        [("Framework Laptop 13", "Framework", "device")],
    ),
    ("Портативную консоль Lenovo Legion Go оценили критики.", [("Lenovo Legion Go", "Lenovo", "device")]),
    ("Xiaomi обновила серию игровых ноутбуков Mi Gaming Laptop.", [("Xiaomi Mi Gaming Laptop", "Xiaomi", "device")]),
    (
        "Ноутбуки Lenovo IdeaPad Duet и IdeaPad Flex 5 показали на выставке.",
        [("Lenovo IdeaPad Duet", "Lenovo", "device"), ("Lenovo IdeaPad Flex 5", "Lenovo", "device")],
    ),
    # ---- TVs ----
    ("Телевизор Xiaomi TV S Pro 85 получил mini-LED подсветку.", [("Xiaomi TV S Pro 85", "Xiaomi", "device")]),
    (
        "Телевизоры Hisense U8 и U7 вышли в России.",
        [("Hisense U8", "Hisense", "device"), ("Hisense U7", "Hisense", "device")],
    ),
    ("Телевизор TCL C855 поддерживает частоту 144 Гц.", [("TCL C855", "TCL", "device")]),
    # ---- memory and SSDs ----
    ("Модули памяти Kingston Fury Beast подешевели.", [("Kingston Fury Beast", "Kingston", "memory")]),
    ("Накопитель Samsung 990 Pro разогнался до 7450 МБ/с.", [("Samsung 990 Pro", "Samsung", "storage")]),
    (
        "SSD-накопитель WD Black SN850X остается одним из самых быстрых.",
        [("Western Digital Black SN850X", "Western Digital", "storage")],
    ),
    ("Модули памяти G.Skill Trident Z5 работают на частоте 8000 МТ/с.", [("G.Skill Trident Z5", "G.Skill", "memory")]),
    ("Накопитель Crucial T705 рассчитан на PCIe 5.0.", [("Crucial T705", "Crucial", "storage")]),
    # ---- motherboards and chipsets ----
    ("Материнская плата MSI MAG B650 Tomahawk поддерживает DDR5.", [("MSI MAG B650 Tomahawk", "MSI", "motherboard")]),
    ("Платы на чипсете Intel Z790 подешевели.", [("Intel Z790", "Intel", "chipset")]),
    ("Чипсет AMD X870 получил обязательный USB4.", [("AMD X870", "AMD", "chipset")]),
    (
        "Материнская плата Gigabyte Z790 Aorus Elite получила четыре слота M.2.",
        [("Gigabyte Z790 Aorus Elite", "Gigabyte", "motherboard")],
    ),
    ("Плата ASRock B760M Pro RS стоит меньше 15 тысяч рублей.", [("ASRock B760M Pro RS", "ASRock", "motherboard")]),
    # ---- integrated GPUs ----
    ("Графика Adreno 750 стала на четверть быстрее.", [("Qualcomm Adreno 750", "Qualcomm", "GPU")]),
    (
        "Графический ускоритель Mali-G720 встроен в Dimensity 9300.",
        [("Arm Mali-G720", "Arm", "GPU"), ("MediaTek Dimensity 9300", "MediaTek", "SoC")],
    ),
    ("Встроенная графика Radeon 890M обходит дискретные карты начального уровня.", [("AMD Radeon 890M", "AMD", "GPU")]),
    # ---- dies and codenames ----
    (
        "Кристалл AD102 лежит в основе RTX 4090.",
        [("NVIDIA AD102", "NVIDIA", "GPU"), ("NVIDIA GeForce RTX 4090", "NVIDIA", "GPU")],
    ),
    (
        "Ускоритель Falcon Shores компания Intel перенесла на 2025 год.",
        [("Intel Falcon Shores", "Intel", "accelerator")],
    ),
    ("Процессоры Lunar Lake получили память на подложке.", [("Intel Lunar Lake", "Intel", "CPU")]),
    ("Видеокарты на чипе Navi 31 подешевели.", [("AMD Navi 31", "AMD", "GPU")]),
    ("Блок управления построен на процессоре NVIDIA Drive AGX Orin.", [("NVIDIA Drive AGX Orin", "NVIDIA", "SoC")]),
    # ---- new variants ----
    ("Для Китая NVIDIA выпустила RTX 4090D.", [("NVIDIA GeForce RTX 4090D", "NVIDIA", "GPU")]),
    ("Китайские компании заказали видеокарты RTX Pro 6000D.", [("NVIDIA RTX Pro 6000D", "NVIDIA", "GPU")]),
    ("Смартфон построен на Snapdragon 855 Plus.", [("Qualcomm Snapdragon 855 Plus", "Qualcomm", "SoC")]),
    ("Процессор Helio P60T работает в планшетах.", [("MediaTek Helio P60T", "MediaTek", "SoC")]),
    ("Смартфон HTC Exodus 1S умеет добывать криптовалюту.", [("HTC Exodus 1S", "HTC", "device")]),
    # ---- lists ----
    (
        "Компания обновила iPhone 13, 14 и 15.",
        [
            ("Apple iPhone 13", "Apple", "device"),
            ("Apple iPhone 14", "Apple", "device"),
            ("Apple iPhone 15", "Apple", "device"),
        ],
    ),
    (
        "Видеокарты RTX 4070, 4080 и 4090 подешевели.",
        [
            ("NVIDIA GeForce RTX 4070", "NVIDIA", "GPU"),
            ("NVIDIA GeForce RTX 4080", "NVIDIA", "GPU"),
            ("NVIDIA GeForce RTX 4090", "NVIDIA", "GPU"),
        ],
    ),
    # ---- chips, servers, network gear and cameras of makers with no family row ----
    ("Одноплатный компьютер на чипе Rockchip RK3588 стоит 100 долларов.", [("Rockchip RK3588", "Rockchip", "SoC")]),
    ("Процессор Loongson 3A6000 догнал по производительности Core i3.", [("Loongson 3A6000", "Loongson", "CPU")]),
    ("Чип Unisoc T820 стоит в бюджетных смартфонах.", [("Unisoc T820", "Unisoc", "SoC")]),
    ("Серверы Supermicro SYS-821GE получили восемь ускорителей.", [("Supermicro SYS-821GE", "Supermicro", "server")]),
    ("Роутер MikroTik hAP ax3 получил поддержку Wi-Fi 6.", [("MikroTik hAP ax3", "MikroTik", "device")]),
    ("Камера GoPro Hero 13 получила новые линзы.", [("GoPro Hero 13", "GoPro", "device")]),
    ("Гарнитура Pico 4 Ultra продается в Европе.", [("Pico 4 Ultra", "Pico", "device")]),
    (
        "Смартфоны Honor X9c и X8c появятся в России.",
        [("Honor X9c", "Honor", "device"), ("Honor X8c", "Honor", "device")],
    ),
    (
        "Ноутбуки Dell XPS 13 и XPS 14 получили новые процессоры.",
        [("Dell XPS 13", "Dell", "device"), ("Dell XPS 14", "Dell", "device")],
    ),
    ("Серверы YADRO Vegman S220 прошли сертификацию.", [("YADRO Vegman S220", "YADRO", "server")]),
    ("Ускорители Hailo-8 встраивают в камеры наблюдения.", [("Hailo-8", "Hailo", "accelerator")]),
    ("Процессор Phytium FT-2000+ применяют в серверах.", [("Phytium FT-2000+", "Phytium", "CPU")]),
    (
        "Серверы Inspur NF5688M7 получили восемь H100.",
        [("Inspur NF5688M7", "Inspur", "server"), ("NVIDIA H100", NV, GPU)],
    ),
    (
        "Видеокарта Sapphire Pulse Radeon RX 7600 получила два вентилятора.",
        [("AMD Radeon RX 7600", "AMD", "GPU")],
    ),
    ("Телевизоры Samsung Neo QLED QN90D подешевели.", [("Samsung Neo QLED QN90D", "Samsung", "device")]),
    ("Камера Canon EOS R5 Mark II снимает 8K.", [("Canon EOS R5 Mark II", "Canon", "device")]),
    ("Смартфон Sharp Aquos R9 получил камеру Leica.", [("Sharp Aquos R9", "Sharp", "device")]),
    (
        "Компания Asus представила игровой смартфон ROG Phone 9 Pro с кулером.",
        [("Asus ROG Phone 9 Pro", "Asus", "device")],
    ),
    (
        "Ноутбук HP EliteBook 840 G11 получил процессор Core Ultra 7 165U.",
        [("HP EliteBook 840 G11", "HP", "device"), ("Intel Core Ultra 7 165U", "Intel", "CPU")],
    ),
    ("В продаже появился монитор Dell UltraSharp U2724D.", [("Dell UltraSharp U2724D", "Dell", "device")]),
    ("Наушники Sony WH-1000XM5 подешевели до 25 тысяч рублей.", [("Sony WH-1000XM5", "Sony", "device")]),
    ("Накопитель Kingston KC3000 показал скорость 7000 МБ/с.", [("Kingston KC3000", "Kingston", "storage")]),
    (
        "Микроконтроллер Espressif ESP32-S3 поддерживает Wi-Fi и Bluetooth.",
        [("Espressif ESP32-S3", "Espressif", "SoC")],
    ),
    ("Процессор Zhaoxin KX-7000 выпускают по 16-нм техпроцессу.", [("Zhaoxin KX-7000", "Zhaoxin", "CPU")]),
]

NEGATIVE = [
    "Электромобиль Tesla Model 3 подешевел в Китае.",
    "Истребители Су-27 и Су-35 прошли модернизацию.",
    "Ракета Falcon 9 вывела на орбиту 23 спутника.",
    "Ракета-носитель Союз-2.1б стартовала с Восточного.",
    "Электромобиль Xiaomi SU7 получил 200 тысяч предзаказов.",
    "Кроссовер Xiaomi YU7 покажут летом.",
    "Смартфоны Xiaomi получат оболочку HyperOS 2 до конца года.",
    "Оболочка Xiaomi HyperOS 2 вышла для смартфонов.",
    "Смартфоны Huawei перейдут на HarmonyOS 5 в следующем году.",
    "Роутеры с поддержкой Wi-Fi 6E подешевели.",
    "Материнская плата поддерживает PCIe 5.0 и USB4.",
    "Видеокарты GeForce RTX 3000 уходят с рынка.",
    "Продажи браслетов Mi Band выросли вдвое.",
    "Процессоры Ryzen 7000 подешевели после выхода новинок.",
    "Ноутбуки на Core i9 стоят дороже 200 тысяч рублей.",
    "Ноутбуки Lenovo ThinkPad популярны в корпорациях.",
    "Смарт-часы Galaxy Watch научились измерять давление.",
    "Распечатайте заявление на бумаге формата A3.",
    "Пробки растянулись на трассе М4 «Дон».",
    "Смартфон с артикулом SM-S928B снят с продажи.",
    "Выручка смартфонного бизнеса Lenovo Group выросла на 20%.",
    "Смартфоны Samsung Electronics подорожали в России.",
    "Сервис Samsung Pay перестал работать с картами.",
    "Владельцы смартфонов Garmin 2024 года жалуются на батарею.",
    "Компания Lenovo продала 15 млн ноутбуков за квартал.",
    "Чипы по техпроцессу Intel 18A выйдут в следующем году.",
    "Модель Meta Llama 3 запустили на смартфоне.",
    "Компания Google показала Gemini 2 для смартфонов.",
    "Смартфоны показали на выставке MWC 2025.",
    "Планшет Lenovo 10,1-дюймовый получил стилус.",
    "Смартфон Xiaomi 3-го поколения вышел в Китае.",
    "Компания HTC Corporation сократила выпуск смартфонов.",
    "Смартфон работает на Android 15 с оболочкой One UI 7.",
    "Ядра Cortex-A720 работают быстрее прошлых.",
    "Модель DeepSeek R1 и Kimi K2 обогнали конкурентов.",
    "Канал HDMI 2.1 и порт DisplayPort 2.1 есть у монитора.",
    "Смартфоны Honor выпустят 5 новинок.",
    "Часы Garmin и браслеты Xiaomi подешевели.",
    "Купить смартфон Samsung можно со скидкой 20%.",
    "Память DDR5-6000 подешевела на треть.",
]


@pytest.fixture(scope="module")
def hw() -> HardwareExtractor:
    return HardwareExtractor()


def _hardware(hw: HardwareExtractor, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.normal, e.vendor, e.category) for e in hw.find(text) if e.type == "HARDWARE"]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[t[:40] for t, _ in POSITIVE])
def test_positive(hw: HardwareExtractor, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _hardware(hw, text) == expected


@pytest.mark.parametrize("text", NEGATIVE, ids=[t[:40] for t in NEGATIVE])
def test_negative(hw: HardwareExtractor, text: str) -> None:
    assert _hardware(hw, text) == []


def test_counts_of_cases() -> None:
    assert len(POSITIVE) >= 60
    assert len(NEGATIVE) >= 30


@pytest.mark.parametrize("text", [t for t, _ in POSITIVE])
def test_offsets_slice_text(hw: HardwareExtractor, text: str) -> None:
    for e in hw.find(text):
        assert text[e.start : e.stop] == e.text


def test_maker_word_inside_span_is_org(hw: HardwareExtractor) -> None:
    ents = hw.find("Игровой ноутбук Lenovo Legion 5 подешевел.")
    assert [(e.type, e.text, e.normal) for e in ents] == [
        ("HARDWARE", "Lenovo Legion 5", "Lenovo Legion 5"),
        ("ORG", "Lenovo", "Lenovo"),
    ]


def test_sub_brand_gives_no_org(hw: HardwareExtractor) -> None:
    # Black Shark is Xiaomi's brand: the vendor is Xiaomi, and no ORG is made of it
    ents = hw.find("Игровой смартфон Black Shark 2 Pro выйдет в августе.")
    assert [(e.type, e.text) for e in ents] == [("HARDWARE", "Black Shark 2 Pro")]


def test_grace_hopper_and_gh200_are_one_model(hw: HardwareExtractor) -> None:
    text = "Суперчип Grace Hopper объединяет CPU и GPU, а GH200 уже поставляется партнерам."
    assert [(e.text, e.normal) for e in hw.find(text) if e.type == "HARDWARE"] == [
        ("Grace Hopper", "NVIDIA GH200"),
        ("GH200", "NVIDIA GH200"),
    ]


def test_maker_rule_model_named_again_without_maker(hw: HardwareExtractor) -> None:
    text = "HTC представила смартфон HTC Exodus 1S. Цена Exodus 1S составит 219 евро."
    assert [(e.text, e.normal) for e in hw.find(text) if e.type == "HARDWARE"] == [
        ("HTC Exodus 1S", "HTC Exodus 1S"),
        ("Exodus 1S", "HTC Exodus 1S"),
    ]


def test_maker_rule_document_about_the_kind(hw: HardwareExtractor) -> None:
    # no hardware noun in the last sentence, but the article is about watches
    text = "Спортивные часы дорожают. Новые часы стоят больше. Продажи Garmin Forerunner 965 стартуют в мае."
    assert _hardware(hw, text) == [("Garmin Forerunner 965", "Garmin", "device")]
    assert _hardware(hw, "Продажи Garmin Forerunner 965 стартуют в мае.") == []


def test_maker_rule_needs_a_cue_for_words_without_code(hw: HardwareExtractor) -> None:
    # two name words and no code are a model only with a hardware noun in the sentence itself
    text = "Смартфоны дорожают. Новый смартфон стоит больше. Продажи Kingston Fury Beast стартуют."
    assert _hardware(hw, text) == []


def test_family_rows_decide_their_family(hw: HardwareExtractor) -> None:
    # "Redmi" has rows, which want a code; the maker rule does not make the bare line a model
    assert _hardware(hw, "Смартфоны Xiaomi Redmi Note подешевели.") == []


# ---- each precision mechanism has a case only it decides ----


def test_veto_decides(hw: HardwareExtractor) -> None:
    # a hardware noun is in the sentence (so "М2" would be Apple's M2); the road word vetoes it
    assert _hardware(hw, "Грузовик с ноутбуками застрял на трассе М2.") == []


def test_second_opinion_decides(hw: HardwareExtractor) -> None:
    # the first row to match "P40" is NVIDIA's card, which lacks evidence here; Huawei's phone has it
    assert _hardware(hw, "Смартфон P40 получил три камеры.") == [("Huawei P40", "Huawei", "device")]


def test_vehicle_noun_decides(hw: HardwareExtractor) -> None:
    # the sentence names smartphones too, but the model is the car
    assert _hardware(hw, "Xiaomi SU7 стал первым автомобилем компании, известной смартфонами.") == []


def test_software_word_after_maker_decides(hw: HardwareExtractor) -> None:
    assert _hardware(hw, "Оболочка Xiaomi HyperOS 2 вышла для смартфонов.") == []


@pytest.mark.parametrize(
    "text",
    ["На конференции Lenovo 2025 показали новые ноутбуки.", "Модель Xiaomi MiMo 7B запустили на смартфоне."],
)
def test_year_or_parameter_count_is_no_code(hw: HardwareExtractor, text: str) -> None:
    assert _hardware(hw, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Samsung 3 квартал закрыла с прибылью.",
        "На конференции Dell Technologies World 2025 выступил глава компании.",
        "Подразделение Samsung Foundry отстает от TSMC.",
        "Компания HP Inc сократила 6 тысяч сотрудников.",
        "Компания Lenovo отчиталась о выручке в 17 млрд долларов, продажи ноутбуков выросли.",
        "На выставке CES 2025 Asus показала ноутбуки и мониторы.",
        "Производитель ноутбуков Acer повысит цены на 10% из-за пошлин.",
        "В смартфонах Samsung используется память LPDDR5X и накопители UFS 4.0.",
        "Ноутбуки Huawei с Core Ultra 9 подешевели.",
    ],
)
def test_no_model_in_a_document_about_devices(hw: HardwareExtractor, text: str) -> None:
    # the document is about smartphones and laptops, so only the words after the maker decide
    lead = "Смартфоны и ноутбуки дорожают. Новый смартфон стоит больше. "
    assert _hardware(hw, lead + text) == []


def test_memory_size_is_part_of_the_mention(hw: HardwareExtractor) -> None:
    ents = [e for e in hw.find("Кластер из Hopper H100 80GB арендуют почасово.") if e.type == "HARDWARE"]
    assert [(e.text, e.normal, e.model) for e in ents] == [("Hopper H100 80GB", "NVIDIA H100", "H100")]
