"""Author names for the synthetic corpus, as a year of computer-vision papers on arXiv has them:
about half Chinese (few surnames, Wang / Li / Zhang very common, given names of one or two
syllables), the rest Western, Indian, Korean, Japanese and others, whose surnames are many and
mostly rare. So a surname with a title word singles out a paper about as often as in real data.

Names are drawn from the corpus's random stream only (deterministic by seed); weighted draws use
precomputed cumulative weights, so a 25,000-paper corpus draws its ~150,000 names in well under
a second."""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import accumulate

# Chinese surnames, most common first (roughly the order of their frequency in China).
CN_SURNAMES = (
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song Tang "
    "Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lyu Ding Ren Lu Yao Shen "
    "Zhong Cui Tan Fan Liao Shi Jin Jia Xia Fu Fang Zou Xiong Bai Meng Qin Qiu Hou Xue Yan Duan Lei Long Shao Hao "
    "Qian Mao Kong Chang Wan Gu Lai Kang Yin Qi Yi Niu Hong Tao Zhan Mo Ni Gong Wen Chai Geng Guan Ji Shang Zha "
    "Xiang Ouyang Situ Tsai Sung Chiu Hsu Yeh Chang Lo Kwok Leung Cheung Wong Ng Chan Lam Yip Tse"
).split()
# Given names: one or two of these syllables ("Zihao", "Wei", "Xiaoyu").
CN_SYLLABLES = (
    "wei jing xiao yu fan hao zhi yan ming ze long jun fei kai heng xin yue tian ruo xi jia hui shuo zi yang qian "
    "chen rui han bo lin yi hong jie lei peng tao feng cheng hua jian qiang ping li na ying mei ting jin kun yuan "
    "xuan hang hui zhen guo dong sheng wen bin chao hai lu meng nan qing shan wu yun zhe an ke chang shu qi xun"
).split()

WESTERN_GIVEN = (
    "Alan Martin Sarah Johannes Veronika Daniel Julia Monika Robbie Ivan Maria Pablo Rafael Arne Olga Lukas Sophie "
    "José Zoë Michael David James John Robert William Thomas Christopher Matthew Andrew Joseph Ryan Kevin Brian Jason "
    "Eric Stephen Mark Paul Peter Jonathan Benjamin Samuel Alexander Nicholas Patrick Adam Simon Oliver Jack Henry "
    "Emma Olivia Anna Laura Elena Claire Emily Hannah Rachel Rebecca Katherine Jessica Lisa Jennifer Amy Nora Ines "
    "Francesco Marco Luca Giovanni Matteo Andrea Alessandro Antoine Pierre Julien Mathieu Nicolas Hugo Louis Felix "
    "Maximilian Florian Tobias Jonas Sebastian Stefan Markus Tim Jan Niklas Leon Moritz Carlos Javier Miguel Diego "
    "Sergio Alejandro Manuel Jorge Luis Dmitry Sergey Alexey Mikhail Andrey Nikita Pavel Artem Piotr Tomasz Krzysztof "
    "Marek Jakub Lars Erik Anders Magnus Nils Henrik Joao Tiago Bruno Ricardo Gustavo Eduardo Fernando Vincent Noah "
    "Elias Gabriel Raphael Victor Yannick Cedric Damien Quentin Thibault Valentin Ahmed Fatima Omar Hassan Ali Yusuf "
    "Mehmet Emre Burak Can Ayse Zeynep Reza Amir Hossein Mohammad Sara Leila Yosef Noam Yonatan Tal Shai Ido"
).split()
WESTERN_SURNAMES = (
    "Schmidt Menten Paetzold Zimmer Ezhov Holland Probst Schnabel Rueckert Morales-Álvarez Molina Yuille Müller "
    "García Kowalski Rossi Dubois Ivanova O'Brien van der Berg Smith Johnson Williams Brown Jones Miller Davis "
    "Wilson Anderson Taylor Thomas Moore Jackson White Harris Clark Lewis Walker Hall Allen Young King Wright Scott "
    "Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner Torres Parker Collins "
    "Edwards Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox Richardson "
    "Wood Watson Brooks Bennett Gray Hughes Price Sanders Myers Long Ross Foster Schneider Fischer Weber Meyer Wagner "
    "Becker Schulz Hoffmann Koch Richter Klein Wolf Schröder Neumann Schwarz Braun Hofmann Hartmann Lange Krause "
    "Martin Bernard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Fontaine Rousseau Bianchi Romano Colombo "
    "Ricci Marino Greco Bruno Gallo Conti Esposito Fernández López Martínez Sánchez Pérez Gómez Ruiz Hernández Díaz "
    "Álvarez Romero Navarro Silva Santos Oliveira Costa Pereira Almeida Ferreira Novak Horvat Nowak Wiśniewski "
    "Lewandowski Kamiński Petrov Smirnov Kuznetsov Popov Volkov Sokolov Lebedev Kozlov Morozov Jansen de Vries "
    "Bakker Visser Smit Meijer Andersson Johansson Karlsson Nilsson Larsen Hansen Nielsen Jensen Virtanen Korhonen "
    "Yılmaz Kaya Demir Şahin Çelik Hosseini Ahmadi Karimi Rahimi Cohen Levi Mizrahi Friedman Katz Haddad Khalil Nasser"
).replace("van der Berg", "van_der_Berg").replace("de Vries", "de_Vries").split()
# A long tail of surnames: stems and endings of several languages ("Holzmann", "Kowalczyk").
SURNAME_STEMS = (
    "Holz Berg Stein Roth Lind Ehren Falk Gross Hein Kirch Lieb Mohr Ober Rein Sauer Stark Vogel Wein Brand Feld "
    "Kowal Nowic Wojc Zielin Grabow Kaczm Mazur Pawl Sobc Wrob Ander Harri Robert Nichol Ander Wil Thom Rich Edw Jeff "
    "Ferr Mont Castel Bell Vill Ross Marc Bern Gian Lor Dan Mar Kar Pet Iv Vlad Nik Stan Bor Mik"
).split()
SURNAME_ENDINGS = (
    "mann er ner hardt berg feld stein ski czyk ewicz owski ak son sen ton ley ford well ini elli etti one ov ev "
    "enko uk ić escu idis opoulos"
).split()

INDIAN_GIVEN = (
    "Mayank Richa Suprosanna Arjun Rahul Priya Ankit Amit Rohit Vikram Sanjay Deepak Anil Sunil Nikhil Rajesh "
    "Karthik Aditya Siddharth Varun Shreya Pooja Neha Kavya Ananya Harsh Akash Vivek Gaurav Abhishek Ashish Tanmay"
).split()
INDIAN_SURNAMES = (
    "Kumar Singh Sharma Gupta Patel Verma Reddy Rao Jain Agarwal Mishra Iyer Nair Menon Das Banerjee Chatterjee "
    "Mukherjee Bose Ghosh Sen Pillai Joshi Kulkarni Desai Mehta Shah Chopra Malhotra Kapoor Bhatt Pandey Tiwari "
    "Srivastava Saxena Yadav Chauhan Thakur Vatsa Khurshid Subramanian Krishnan Raman Venkatesan Natarajan"
).split()
KOREAN_SURNAMES = "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong".split()
KOREAN_SYLLABLES = "min jun seo ji woo hyun su yeon ho jae sung hee young dong eun tae kyung hye".split()
JAPANESE_GIVEN = (
    "Hiroshi Yuki Takashi Kenji Satoshi Yusuke Daisuke Haruki Shota Ryo Kazuki Naoki Akira Takumi Yuto Sota "
    "Haruto Riku Yui Aoi Sakura Hina Mio Rina Ayaka Kenta Tomoya Shun"
).split()
JAPANESE_STEMS = "Yama Tana Naka Matsu Ishi Haya Kobaya Sato Taka Ino Fuji Kawa Mori Hashi Nishi Kita Ono Saka Oka Hira".split()
JAPANESE_ENDINGS = "moto ka da shita mura gawa no zaki kawa uchi hara ta be".split()

# (origin, share of author names)
ORIGINS = (("chinese", 0.44), ("western", 0.34), ("indian", 0.08), ("korean", 0.04), ("japanese", 0.04), ("tail", 0.06))


def _zipf(count: int, exponent: float, offset: float) -> list[float]:
    return list(accumulate(1 / (rank + offset) ** exponent for rank in range(count)))


class NameMaker:
    """Draws author names from the pools above with realistic surname frequencies."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.origins = [origin for origin, _ in ORIGINS]
        self.origin_weights = list(accumulate(share for _, share in ORIGINS))
        self.cn_weights = _zipf(len(CN_SURNAMES), 1.0, 4)  # Wang ~6 % of Chinese names, the 100th ~0.3 %
        self.indian_weights = _zipf(len(INDIAN_SURNAMES), 1.0, 1.5)
        self.korean_weights = _zipf(len(KOREAN_SURNAMES), 1.0, 2)  # Kim, Lee, Park first
        self.tail_surnames = [stem + ending for stem in SURNAME_STEMS for ending in SURNAME_ENDINGS]
        self.japanese_surnames = [stem + ending for stem in JAPANESE_STEMS for ending in JAPANESE_ENDINGS]

    def _pick(self, pool: Sequence[str], weights: list[float] | None = None) -> str:
        return self.rng.choices(pool, cum_weights=weights)[0] if weights else pool[int(self.rng.random() * len(pool))]

    def _syllables(self, pool: Sequence[str], joiner: str = "") -> str:
        count = 1 if self.rng.random() < 0.3 else 2
        return joiner.join(self._pick(pool) for _ in range(count)).capitalize()

    def name(self) -> str:
        origin = self.rng.choices(self.origins, cum_weights=self.origin_weights)[0]
        if origin == "chinese":
            return f"{self._syllables(CN_SYLLABLES)} {self._pick(CN_SURNAMES, self.cn_weights)}"
        if origin == "western":
            surname = self._pick(WESTERN_SURNAMES) if self.rng.random() < 0.5 else self._pick(self.tail_surnames)
            return f"{self._pick(WESTERN_GIVEN)} {surname.replace('_', ' ')}"
        if origin == "indian":
            return f"{self._pick(INDIAN_GIVEN)} {self._pick(INDIAN_SURNAMES, self.indian_weights)}"
        if origin == "korean":
            given = "-".join(self._pick(KOREAN_SYLLABLES) for _ in range(2)).capitalize()
            return f"{given} {self._pick(KOREAN_SURNAMES, self.korean_weights)}"
        if origin == "japanese":
            return f"{self._pick(JAPANESE_GIVEN)} {self._pick(self.japanese_surnames)}"
        return f"{self._pick(WESTERN_GIVEN)} {self._pick(self.tail_surnames)}{self._pick(('', 'a', 'o', 'i'))}"
